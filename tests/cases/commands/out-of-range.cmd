# 预期：ZK413 out-of-range.csv 第 2 行；退出码 1
run scheme.zkp out-of-range.csv
