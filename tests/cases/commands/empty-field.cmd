# 预期：ZK414 empty-field.csv 第 3 行；退出码 1
run scheme.zkp empty-field.csv
