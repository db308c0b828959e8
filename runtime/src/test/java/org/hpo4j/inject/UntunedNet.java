package org.hpo4j.inject;

/** Like {@link TunableNet} but with no properties resource on the class path. */
public class UntunedNet extends TunableNet {
}
