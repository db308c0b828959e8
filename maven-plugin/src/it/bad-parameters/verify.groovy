// both builds failed (invoker checked that); their messages name the parameter and what is allowed
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("hpo.optimizer: unknown optimizer 'gradient-descent'; known: ") : 'names the parameter and the value'
assert log.contains('bohb') && log.contains('hyperband') && log.contains('random') : 'lists the known optimizers'
assert log.contains('hpo.minBudget (9) must be less than hpo.maxBudget (9); @Budget of it.bowl.Bowl is [1, 9]')
assert !new File(basedir, 'src/main/resources/hpo/it.bowl.Bowl.properties').exists() : 'nothing written'
return true
