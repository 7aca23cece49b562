# 预期：ZK401 unreadable.jsonl 第 2 行；退出码 1
run scheme.zkp unreadable.jsonl
