# 预期：ZK501；退出码 2
run scheme.zkp no-such.csv
