# 预期：ZK402 missing-column.csv 第 1 行；退出码 1
run scheme.zkp missing-column.csv
