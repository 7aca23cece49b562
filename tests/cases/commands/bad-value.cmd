# 预期：ZK405 bad-value.csv 第 2 行；退出码 1
run scheme.zkp bad-value.csv
