# 预期：ZK415 missing-task.csv 第 3 行；退出码 1
run tasks.zkp missing-task.csv
