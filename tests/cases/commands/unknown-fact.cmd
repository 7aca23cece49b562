# 预期：ZK404 unknown-fact.csv 第 3 行；退出码 1
run scheme.zkp unknown-fact.csv
