# 预期：无；退出码 0
run scheme.zkp clean.csv
