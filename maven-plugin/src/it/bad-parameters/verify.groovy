// every build failed (invoker checked that); their messages name the parameter and what is allowed
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("hpo.optimizer: unknown optimizer 'gradient-descent'; known: ") : 'names the parameter and the value'
assert log.contains('bohb') && log.contains('hyperband') && log.contains('random') : 'lists the known optimizers'
assert log.contains('hpo.minBudget (9) must be less than hpo.maxBudget (9); @Budget of it.bowl.Bowl is [1, 9]')
assert !new File(basedir, 'src/main/resources/hpo/it.bowl.Bowl.properties').exists() : 'nothing written'
// hpo:dashboard names the study it did not find and where it looked; it created nothing there
assert log.contains("no stored study 'Nowhere'") && log.contains('Nowhere.db does not exist') : 'names the study and the store'
assert !new File(basedir, '.hpo/Nowhere.db').exists() : 'the dashboard created no store'
assert log.contains('hpo.dashboard: the port must be 0 (any free one) to 65535, got 70000')
return true
