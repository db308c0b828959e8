/**
 * The live dashboard: a page on a local HTTP server (the JDK's {@code com.sun.net.httpserver})
 * that shows a stored study as it runs, pushed to the browser with server-sent events. It reads
 * the study store only, through a read-only connection, and draws the charts of
 * {@link org.hpo4j.report}. {@code hpo:dashboard} and {@code hpo:tune -Dhpo.dashboard} start it.
 */
package org.hpo4j.dashboard;
