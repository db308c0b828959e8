def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains("hpo.optimizer: unknown optimizer 'gradient-descent'; known: ") : 'the failure names the parameter and the value'
assert log.contains('bohb') && log.contains('hyperband') && log.contains('random') : 'and lists the known optimizers'
assert !new File(basedir, 'src/main/resources/hpo/it.bowl.Bowl.properties').exists()
return true
