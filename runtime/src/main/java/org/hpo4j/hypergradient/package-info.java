/** Online learning-rate adaptation for a user's own training loop (hypergradient descent). */
package org.hpo4j.hypergradient;
