package org.hpo4j.tune;

/** An objective class hpo:tune cannot instantiate. */
public class NeedsArgument {
    final int size;

    public NeedsArgument(int size) {
        this.size = size;
    }
}
