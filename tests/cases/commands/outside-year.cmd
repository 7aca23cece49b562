# 预期：ZK407 outside-year.csv 第 2 行；退出码 1
run scheme.zkp outside-year.csv
