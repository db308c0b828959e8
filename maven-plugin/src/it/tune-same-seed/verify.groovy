// Checks what two hpo:tune runs with the same seed wrote.
def first = new File(basedir, 'src/main/resources/hpo/it.bowl.Bowl.properties')
def second = new File(basedir, 'target/second.properties')
assert first.isFile() : "the first run writes the default output file ${first}"
assert second.isFile() : "hpo.output moves the file to ${second}"

def props = new Properties()
first.withReader('UTF-8') { props.load(it) }

// every active parameter, nothing inactive, values in range; and the budget they were tuned for
assert props.rounds == '9' : "rounds = ${props.rounds}, the full budget the best was evaluated at"
def expected = ['x', 'k', 'shape', 'rounds'] as Set
if (props.shape == 'shifted') {
    expected << 'shift'
}
assert props.stringPropertyNames() == expected : "keys ${props.stringPropertyNames()}, expected ${expected}"
def x = props.x as double
assert x >= -2 && x <= 2 : "x = ${x}"
assert props.k ==~ /\d+/ : "k = ${props.k} is an integer"
def k = props.k as int
assert k >= 1 && k <= 8 : "k = ${k}"
assert props.shape in ['plain', 'shifted']
if (props.shape == 'shifted') {
    def shift = props.shift as double
    assert shift >= 0 && shift <= 1 : "shift = ${shift}"
}

// the header: one full Hyperband iteration over [1, 9] with eta 3 is 13 + 6 + 3 evaluations
def text = first.getText('UTF-8')
assert text.contains('# hpo4j: tuned hyperparameters of it.bowl.Bowl')
assert text.contains('# optimizer: bohb')
assert text.contains('# seed: 5')
assert text.contains('# evaluations: 22')
assert text.contains('# budget: 9 (rounds)')
assert text =~ /(?m)^# date: \d{4}-\d\d-\d\dT/

// the file written into src/main/resources is copied to target/classes, so the program sees it at once
def copied = new File(basedir, 'target/classes/hpo/it.bowl.Bowl.properties')
assert copied.isFile() && copied.getText('UTF-8') == first.getText('UTF-8')

// same seed, same file, apart from the date line
def withoutDate = { f -> f.getText('UTF-8').readLines().findAll { !it.startsWith('# date: ') } }
assert withoutDate(first) == withoutDate(second)

// hpo:space printed the space; both runs logged their evaluations and the file they wrote
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('it.bowl.Bowl  (study Bowl, minimize)')
assert log =~ /shift\s+float\s+\[0\.0, 1\.0\]\s+0\.5\s+\[shape == shifted\]/
assert log.count('hpo4j: study Bowl finished: 22 evaluations (0 failed)') == 2
assert log.count('hpo4j: wrote ') == 2
assert (log =~ /(?m)^\[\s*\d+\] rounds /).count == 44 : 'one line per evaluation in batch mode'

// the study lives in the default store, outside target/ (mvn clean keeps it); hpo.fresh kept run 1's
// file as a backup; both runs wrote the report, which is in target/
def stores = new File(basedir, '.hpo')
assert new File(stores, 'Bowl.db').isFile()
assert stores.listFiles().findAll { it.name ==~ /Bowl-\d{8}-\d{6}\.db/ }.size() == 1 : 'one backup: ' + stores.list()
def hpo = new File(basedir, 'target/hpo')
['report.html', 'evaluations.csv', 'evaluations.json'].each { assert new File(hpo, "Bowl/$it").isFile() : it }
assert new File(hpo, 'Bowl/evaluations.csv').readLines().size() == 23 : 'a header and one row per evaluation'

// run 3: hpo:report read run 2's study back from the store: the same evaluations (job, configuration
// id, rung, budgets, state, value) as the report hpo:tune wrote
def firstColumns = { f -> f.readLines().collect { it.split(',', -1).take(9).join(',') } }
def rebuilt = new File(basedir, 'target/evaluations.csv')
assert rebuilt.isFile() : 'hpo:report -Dhpo.format=csv -Dhpo.output wrote ' + rebuilt
assert firstColumns(rebuilt) == firstColumns(new File(hpo, 'Bowl/evaluations.csv'))
return true
