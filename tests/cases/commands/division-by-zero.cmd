# 预期：ZK412 scheme.zkp 第 18 行；退出码 1
run scheme.zkp division-by-zero.csv
