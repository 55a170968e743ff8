package org.hotline.metrics;

import java.util.List;

/** Reads KPI reports for the REST API and the board. */
public interface KpiQuery {

    /** The configured queue names. */
    List<String> queues();

    /**
     * @throws java.util.NoSuchElementException when no queue has that name
     */
    KpiReport report(String queue, KpiWindow window);
}
