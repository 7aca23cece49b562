# 预期：ZK403 unknown-unit.csv 第 3 行；退出码 1
run scheme.zkp unknown-unit.csv
