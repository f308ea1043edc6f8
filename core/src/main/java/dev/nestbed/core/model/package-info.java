/**
 * Models of what nestbed measures, each with its equations and where they come from: used beside
 * every real figure (the prediction next to a measured migration) and by simulated runs ({@code
 * provider: sim}). Pure arithmetic over nestbed's values: no libvirt, nothing started: live
 * migration in pre-copy, auto-converge and post-copy, and the operations around it (boot, hotplug,
 * node join and leave, moves between cells).
 *
 * <h2>Pre-copy ({@link dev.nestbed.core.model.PrecopyModel})</h2>
 *
 * Clark et al., "Live Migration of Virtual Machines", NSDI 2005: memory is copied in passes while
 * the guest runs; each pass sends what the guest dirtied while the one before was sent; when the
 * rest fits in the downtime limit the guest is paused and the rest copied. With {@code M} the
 * memory the first pass sends, {@code W} the working set the guest keeps rewriting (the most it can
 * dirty between two passes), {@code D} the dirty rate, {@code B} the bandwidth and {@code T} the
 * downtime limit:
 *
 * <pre>
 *   V(0)   = M                                  the first pass sends all memory in use
 *   V(i+1) = min(W, D * V(i) / B)               what the guest dirtied while pass i was sent
 *   n      = the first i with V(i) &lt;= B * T    QEMU stops the guest when the rest fits in T
 *   rounds = n + 1                              n live passes, then one with the guest paused
 *   sent   = V(0) + ... + V(n)
 *   total  = S + sent / B + C
 *   downtime = V(n) / B + C
 * </pre>
 *
 * Without the working-set cap, {@code V(i) = M r^i} with {@code r = D/B}: the passes shrink
 * geometrically, {@code n = ceil(ln(B*T/M) / ln r)} and {@code sent = M (1 - r^(n+1)) / (1 - r)}.
 * Pre-copy converges only when {@code r < 1} or the working set fits in one downtime ({@code W <=
 * B*T}); otherwise the passes level off at {@code W} and the model says it never converges.
 *
 * <p>{@code S} and {@code C} are the fixed costs, after Akoush et al., "Predicting the Performance
 * of Virtual Machine Migration", MASCOTS 2010, who split a migration into stages and found the ones
 * around the iterative copy (before it: preparing and reserving the destination; after it:
 * committing and activating the guest there) to cost about the same whatever the guest does. {@code
 * S}, the set-up, runs from the migration call to the first pass; {@code C}, the switch-over, is
 * what the final stop-and-copy costs beyond copying {@code V(n)}: the last dirty-bitmap sync, the
 * device state, starting the guest at the destination. Both are measured, not derived: a {@link
 * dev.nestbed.core.model.MigrationCalibration} holds them with their provenance ({@link
 * dev.nestbed.core.model.MigrationCalibration#MEASURED_HERE}: this project's machine under TCG).
 * Still left out: zero pages (QEMU sends them as markers, so {@code M} should count memory in use,
 * not the guest's size) and the time QEMU takes to notice a pass has ended.
 *
 * <h2>Auto-converge ({@link dev.nestbed.core.model.AutoConvergeModel})</h2>
 *
 * QEMU's rule (migration/ram.c, {@code migration_trigger_throttle} and {@code
 * mig_throttle_guest_down}; defaults in qapi/migration.json): at the end of every pass, a pass that
 * dirtied more than {@code throttle-trigger-threshold} (50 %) of what it sent counts; every second
 * pass that counts raises the vCPU throttle {@code p}: to {@code cpu-throttle-initial} (20 %)
 * first, then by {@code cpu-throttle-increment} (10 %) up to {@code max-cpu-throttle} (99 %). The
 * model runs the pre-copy passes with {@code D(i) = D (1 - p(i))}, assuming the guest dirties in
 * proportion to the CPU time it gets (a guest that paces itself well below what a throttled vCPU
 * can do is not slowed until the throttle bites). It gives up only when the passes stop shrinking
 * at the largest throttle.
 *
 * <h2>Post-copy ({@link dev.nestbed.core.model.PostcopyModel})</h2>
 *
 * Hines and Gopalan, "Post-copy based live virtual machine migration using adaptive pre-paging and
 * dynamic self-ballooning", VEE 2009; QEMU's variant starts in pre-copy and switches on request.
 * After {@code k} pre-copy passes (unless the rest fitted in {@code T} earlier, when it ends in
 * pre-copy), the guest pauses only to move its device state and runs on at the destination, which
 * pulls {@code V(k)}, what was still dirty, at {@code B}; nothing is dirtied twice after that:
 *
 * <pre>
 *   sent = V(0) + ... + V(k),   total = S + sent / B + C,   downtime = C
 * </pre>
 *
 * It always completes. Not modelled: the guest's slowdown while its pages arrive on demand.
 *
 * <h2>Boot, hotplug, membership and moves ({@link dev.nestbed.core.model.OperationModel})</h2>
 *
 * Measured costs, combined as simply as the measurements allow (an {@link
 * dev.nestbed.core.model.OperationCalibration} holds them with their provenance; {@code
 * MEASURED_HERE}: docs/model-calibration.md). With {@code b} the boot size, {@code m} the size
 * before and {@code m'} after a resize, {@code P} and {@code U} the plug and unplug rates, {@code
 * L} the balloon's fixed cost, {@code R} the page-migration rate and {@code B} the link:
 *
 * <pre>
 *   start          = domain defined to QEMU running           (fixed)
 *   first heartbeat = domain started to the agent's first beat (fixed: the kernel's boot)
 *   seen-after.vcpus = fixed, whatever the count
 *   seen-after.memory = max(0, m'-b) - max(0, m-b)  / P  if growing past b
 *                     | max(0, m-b)  - max(0, m'-b) / U  if shrinking past b
 *                     + L  if min(m, b) != min(m', b)     the balloon moved too
 *   seen-after.node = fixed (join), fixed (leave)
 *   move           = set-up + size / min(R, B);  guest downtime = fixed
 *   copied by a migration M = min(size, footprint + working set)
 * </pre>
 *
 * A move's rate is per byte of the partition's size, as it was measured (one size: set-up and rate
 * cannot be told apart). Not modelled: how boot and hotplug scale with the guest's size and vCPUs
 * (measured at one size each), stopping a partition, and the cost of remote-cell access for a
 * partition spread over cells.
 *
 * <h2>Remote-cell access ({@link dev.nestbed.core.model.RemoteCellAccess})</h2>
 *
 * A partition placed on several cells has its vCPUs pinned to all of their CPUs and its memory
 * allowed on all of their NUMA nodes (numatune restrictive); its guest sees one NUMA node, so it
 * cannot keep accesses local. Taking its vCPUs and memory as spread evenly over its {@code k}
 * cells, and ACPI SLIT distances as memory latency relative to local access times 10 (the
 * definition of the ACPI specification's System Locality Information Table; the distances a pool
 * plans from its interconnect are made so), its mean memory latency against all-local is
 *
 * <pre>
 *   L = (1 / (10 k^2)) * sum over i, j of d(i, j)      1 on one cell; (10 + r) / 20 on two at distance r
 * </pre>
 *
 * Runs record it as {@code model.memory-latency} of each partition they start, real ones beside
 * their measured figures, as a model figure: nothing measures it inside the guest yet. It leaves
 * out caches, the kernel's NUMA balancing (off inside one guest node) and first-touch placement
 * that follows the vCPU that touched a page.
 *
 * <h2>Migrations that share links ({@link dev.nestbed.core.model.SharedLinks})</h2>
 *
 * Migrations of one parallel group run at once. Each crosses links (in a simulated run: its source
 * pool's port out to the interconnect and its destination pool's port in, each of the
 * interconnect's bandwidth), and rates follow max-min fairness (Bertsekas and Gallager, <i>Data
 * Networks</i>, 2nd ed., 1992, section 6.5.2, progressive filling): every transfer's rate rises
 * together until a link it crosses is full or it reaches its own cap ({@code bandwidth:} of the
 * step); those stop, the rest rise on. Migrations between disjoint pairs of pools do not slow each
 * other; two out of one pool halve its port. At every event of any transfer (one ends; a pre-copy
 * pass ends) the rates are shared again ({@link dev.nestbed.core.model.SharedLinks#step}).
 *
 * <p>Every migration is stepped through its passes at the rates it gets ({@link
 * dev.nestbed.core.model.PrecopyFlow}): with {@code t(i)} the time pass {@code i} took at whatever
 * rates it had, {@code D(i)} the guest's dirty rate during it, and {@code b} the rate where a pass
 * begins,
 *
 * <pre>
 *   V(0) = M,   V(i+1) = min(W, D(i)*t(i))       what the guest dirtied while pass i was sent
 *   pass i is the paused one when V(i) <= b*T    decided at the rate of the moment it begins
 * </pre>
 *
 * so a pass sent while others held the link back is longer and leaves more for the next.
 * Auto-converge lowers {@code D(i)} by its throttle, raised at the ends of passes by QEMU's rule
 * above; post-copy switches over after its pre-copy passes, paused only for the switch-over. At a
 * constant rate this is the pass equations above, to within a microsecond (a unit test holds each
 * mode to its {@code predict}). Where the passes stop shrinking at the rate it has (and no throttle
 * can rise), it goes on sending and waits for a higher rate, then starts a fresh pass of what is
 * dirty; if none comes it never ends (the step fails: the model says it never converges), holding
 * its share while the others run.
 */
package dev.nestbed.core.model;
