# 预期：ZK416 unknown-task.csv 第 3 行；退出码 1
run tasks.zkp unknown-task.csv
