# 预期：ZK408 not-a-target.csv 第 3 行；退出码 1
run scheme.zkp not-a-target.csv
