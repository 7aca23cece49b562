# 预期：ZK409 superseded.csv 第 2 行；退出码 0
run scheme.zkp superseded.csv
