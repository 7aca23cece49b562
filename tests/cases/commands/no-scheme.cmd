# 预期：ZK205；退出码 1
run no-scheme clean.csv
