/** What an objective sees of the trial it runs in: {@link org.hpo4j.trial.TrialContext}. */
package org.hpo4j.trial;
