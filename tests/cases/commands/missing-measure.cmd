# 预期：ZK411 measure.zkp 第 7 行；退出码 1
run measure.zkp missing-measure.csv
