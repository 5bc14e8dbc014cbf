package dev.mcpclient.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;

/**
 * Heap bytes allocated (and CPU time used) by every thread of this JVM except the benchmark server's, from
 * {@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes}: event loops, the JDK
 * {@code HttpClient}'s threads, schedulers and callers alike. A thread that ends between two
 * snapshots takes its bytes with it (none of the threads under load end while measured).
 */
final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Allocated bytes per live thread, the server's left out. */
    static Map<Long, Long> snapshot() {
        return snapshot(false, false);
    }

    /** CPU nanoseconds per live thread, the server's left out. */
    static Map<Long, Long> cpuSnapshot() {
        return snapshot(true, false);
    }

    /** Per live thread, CPU nanoseconds or allocated bytes: of the server's threads only, or of all the others. */
    private static Map<Long, Long> snapshot(boolean cpu, boolean server) {
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        long[] bytes = cpu ? THREADS.getThreadCpuTime(ids) : THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] == null || bytes[i] < 0 || infos[i].getThreadName().startsWith(BenchServer.THREAD_PREFIX) != server) {
                continue;
            }
            out.put(ids[i], bytes[i]);
        }
        return out;
    }

    /** CPU nanoseconds used so far by the benchmark server's threads (for diagnosis: what a client costs the server). */
    static long serverCpu() {
        return snapshot(true, true).values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU nanoseconds between two snapshots by thread-name group (digits dropped), for diagnosis. */
    static Map<String, Long> byGroup(Map<Long, Long> before, Map<Long, Long> after) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = THREADS.getThreadInfo(e.getKey());
            String name = info == null ? "?" : info.getThreadName().replaceAll("\\d+", "N");
            out.merge(name, e.getValue() - before.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        return out;
    }

    /** Bytes allocated between two snapshots, by threads alive at the second. */
    static long between(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }
}
