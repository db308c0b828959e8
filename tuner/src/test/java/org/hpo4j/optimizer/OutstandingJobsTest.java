package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutstandingJobsTest {
    private static Job job(int id) {
        return new Job(id, new Job.ConfigId(id, 0, 0), null, 1, 0, 0);
    }

    @Test
    void keepsHandOutOrderAndForgetsToldJobs() {
        OutstandingJobs<String> jobs = new OutstandingJobs<>();
        jobs.put(3, "c");
        jobs.put(1, "a");
        jobs.put(2, "b");
        assertEquals(List.of("c", "a", "b"), List.copyOf(jobs.values()));
        assertEquals("a", jobs.told(job(1)));
        assertEquals(List.of("c", "b"), List.copyOf(jobs.values()));
        assertEquals(2, jobs.size());
        jobs.told(job(3));
        jobs.told(job(2));
        assertTrue(jobs.isEmpty());
    }

    @Test
    void tellingTwiceOrAnUnknownJobNamesTheJob() {
        OutstandingJobs<String> jobs = new OutstandingJobs<>();
        jobs.put(7, "x");
        jobs.told(job(7));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> jobs.told(job(7)));
        assertEquals("job 7 was not handed out or was already told", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> jobs.told(job(8)));
    }
}
