def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('objective class it.ctor.Sized has no public no-argument constructor') : 'the failure names the class'
assert !log.contains('\tat org.hpo4j') : 'no stack trace of ours'
return true
