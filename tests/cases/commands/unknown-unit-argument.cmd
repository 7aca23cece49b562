# 预期：ZK502；退出码 2
explain scheme.zkp clean.csv 中原县
