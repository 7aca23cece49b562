# 预期：ZK406 bad-date.csv 第 3 行；退出码 1
run scheme.zkp bad-date.csv
