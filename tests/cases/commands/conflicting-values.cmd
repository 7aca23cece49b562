# 预期：ZK410 conflicting-values.csv 第 2 行；退出码 1
run scheme.zkp conflicting-values.csv
