// Checks the properties files that a selection rule (run 1) and hpo:select -Dhpo.trial=7 (run 2) wrote.
def load = { File f ->
    assert f.isFile() : "${f} was written"
    def p = new Properties()
    f.withReader('UTF-8') { p.load(it) }
    p
}
def error = { double x, double y, double epochs -> 1 - x + 0.5 / epochs + 0.1 * y }
def sizeMb = { double x, double y -> 10 * x * x + y }
def latency = { double y -> 10 + 20 * y }

// run 1: the rule's point is feasible, meets the rule's bound, and is the smallest sizeMb among the
// front's points that meet it (pareto.csv: job_id,budget,error,sizeMb,latencyMs,param:x,param:y)
def tuned = load(new File(basedir, 'src/main/resources/hpo/it.trade.Tradeoff.properties'))
assert tuned.stringPropertyNames() == ['x', 'y', 'epochs'] as Set : tuned.stringPropertyNames()
assert tuned.epochs == '9' : 'the front is at the full budget'
double x = tuned.x as double
double y = tuned.y as double
assert latency(y) <= 20 : "the selected point is feasible: y = ${y}"
assert error(x, y, 9) <= 0.6 + 1e-9 : "the rule's bound holds: x = ${x}, y = ${y}"
def front = new File(basedir, 'target/hpo/Tradeoff/pareto.csv').readLines()
assert front[0] == 'job_id,budget,error,sizeMb,latencyMs,param:x,param:y'
def rows = front.drop(1).collect { it.split(',') }
def eligible = rows.findAll { (it[2] as double) <= 0.6 }
assert !eligible.isEmpty() : 'the front has points with error <= 0.6: ' + front
def smallest = eligible.min { it[3] as double }
assert (smallest[5] as double) == x && (smallest[6] as double) == y : "the smallest sizeMb with error <= 0.6 is ${smallest}; the file holds ${tuned}"
assert rows.any { (it[2] as double) < (smallest[2] as double) } : 'the rule chose another point than the default (smallest error)'

// run 2: evaluation 7's configuration and budget, as evaluations.csv has it
def csv = new File(basedir, 'target/hpo/Tradeoff/evaluations.csv').readLines()
def header = csv[0].split(',') as List
def row = csv.drop(1).collect { it.split(',') }.find { it[header.indexOf('job_id')] == '7' }
assert row != null : 'evaluation 7 is stored: ' + csv[0]
def chosen = load(new File(basedir, 'target/trial-7.properties'))
assert (chosen.x as double) == (row[header.indexOf('param:x')] as double) : "x of evaluation 7: ${row}"
assert (chosen.y as double) == (row[header.indexOf('param:y')] as double) : "y of evaluation 7: ${row}"
def text = new File(basedir, 'target/trial-7.properties').getText('UTF-8')
assert text.contains('# hpo4j: tuned hyperparameters of it.trade.Tradeoff')
assert text.contains('# evaluations: 40')
double budget = row[header.indexOf('budget')] as double
// the budget is an integer field: the rung's budget rounded, in the header and as the field's value
assert text.contains("# budget: ${Math.round(budget)} (epochs)") : text
assert (chosen.epochs as long) == Math.round(budget) : "epochs ${chosen.epochs}, evaluation 7's budget ${budget}"
// hpo:select wrote its own file and left run 1's alone
assert load(new File(basedir, 'src/main/resources/hpo/it.trade.Tradeoff.properties')) == tuned
return true
