package dev.lambdaextension.test.logging;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit Jupiter extension that captures what the named loggers (and their children) log during each test, so
 * that the test asserts the lines it provokes and they do not reach the console or the build's log files.
 * <p>
 * It captures by logger, not by thread, so lines logged by server threads, the event loop or the dispatcher are
 * captured too. Both {@code java.util.logging} (where {@link System.Logger} writes, as
 * {@code lambda-extension-core} does) and Logback (Spring Boot's default, behind Commons Logging and SLF4J) are
 * captured when present. Register it as an instance field, one per test class:
 * <pre class="code">
 * &#64;RegisterExtension
 * final LogCapture logs = LogCapture.of(TelemetryDispatcher.class);
 *
 * &#64;Test
 * void fullQueueShouldBeLogged() {
 *     // ... provoke the warning ...
 *     assertThat(this.logs.messages(Level.WARNING)).containsExactly("Dropped 1 telemetry event(s): ...");
 * }
 * </pre>
 * Capture only the loggers a test provokes, and assert every WARNING and ERROR it captures: whatever else
 * is printed is then news. A WARNING or ERROR that the test never looked at (through {@code records},
 * {@link #messages(Level)} or {@code await}) is printed after the test, prefixed with the test's name, as it
 * would have been printed without the capture. When the test fails, every captured line is printed to help
 * tell why. To capture all of an extension's warnings, capture {@code "dev.lambdaextension"} and your own
 * package.
 * <p>
 * To make a noisy test quiet: register the capture, run the test, and turn each line printed as "captured but
 * not asserted" into an assertion. A line logged on another thread (a receiver, the event loop, the
 * dispatcher) may arrive after the call under test returns: wait for it with
 * {@link #await(Level, String, Duration)} before asserting the list. A line that appears only on some runs,
 * because of timing, is accepted with {@code isSubsetOf}, {@link #records(Predicate)} or, for a whole class,
 * {@link #allow(Level, String)}, with a comment saying why.
 * <p>
 * Spring Boot re-initialises logging when an application starts, which detaches the capture; a
 * {@code @SpringBootTest} context starts before the capture attaches, so only a test that starts an
 * application itself is affected.
 *
 * @since 0.1.0
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

	private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

	private final List<String> loggerNames;

	private final List<CapturedLog> records = new ArrayList<>();

	private final Set<CapturedLog> asserted = Collections.newSetFromMap(new IdentityHashMap<>());

	private final List<Predicate<CapturedLog>> allowed = new ArrayList<>();

	private final List<AutoCloseable> attachments = new ArrayList<>();

	private LogCapture(List<String> loggerNames) {
		if (loggerNames.isEmpty()) {
			throw new IllegalArgumentException("At least one logger must be given");
		}
		this.loggerNames = List.copyOf(loggerNames);
	}

	/**
	 * Capture the loggers with the given names; a name covers its children ({@code "dev.lambdaextension"}
	 * captures every logger below it).
	 * @param loggerNames the logger names
	 * @return the capture, to register with {@code @RegisterExtension}
	 */
	public static LogCapture of(String... loggerNames) {
		return new LogCapture(Arrays.asList(loggerNames));
	}

	/**
	 * Capture the loggers named after the given classes, as {@code System.getLogger(type.getName())} and
	 * {@code LogFactory.getLog(type)} name them.
	 * @param types the classes whose loggers to capture
	 * @return the capture, to register with {@code @RegisterExtension}
	 */
	public static LogCapture of(Class<?>... types) {
		return new LogCapture(Arrays.stream(types).map(Class::getName).toList());
	}

	/**
	 * Accept a line that some runs of the class's tests log and others do not, because of timing: it is left
	 * out of what {@code records} and {@code messages} return and never printed as not asserted. Say why in a
	 * comment where you call it.
	 * @param level the level of the line
	 * @param text the text its message contains
	 * @return this capture
	 */
	public LogCapture allow(Level level, String text) {
		this.allowed.add((record) -> record.level() == level && record.message().contains(text));
		return this;
	}

	/**
	 * Every record captured so far in the current test, in the order they were logged.
	 * @return a snapshot of the records
	 */
	public List<CapturedLog> records() {
		return records((record) -> true);
	}

	/**
	 * The records captured so far at exactly the given level.
	 * @param level the level
	 * @return a snapshot of the matching records
	 */
	public List<CapturedLog> records(Level level) {
		return records((record) -> record.level() == level);
	}

	/**
	 * The records captured so far that match the given condition; only these count as asserted.
	 * @param condition the condition
	 * @return a snapshot of the matching records
	 */
	public synchronized List<CapturedLog> records(Predicate<CapturedLog> condition) {
		List<CapturedLog> matching = this.records.stream()
			.filter((record) -> !isAllowed(record))
			.filter(condition)
			.toList();
		this.asserted.addAll(matching);
		return matching;
	}

	/**
	 * The formatted messages captured so far at exactly the given level.
	 * @param level the level
	 * @return a snapshot of the messages
	 */
	public List<String> messages(Level level) {
		return records(level).stream().map(CapturedLog::message).toList();
	}

	/**
	 * Wait until a record at the given level whose message contains {@code text} is captured.
	 * @param level the level
	 * @param text the text the message must contain
	 * @param timeout how long to wait
	 * @return the first matching record
	 * @throws AssertionError if none arrives in time
	 */
	public CapturedLog await(Level level, String text, Duration timeout) {
		return await((record) -> record.level() == level && record.message().contains(text), timeout,
				level + " record containing '" + text + "'");
	}

	/**
	 * Wait until a record matching {@code condition} is captured.
	 * @param condition the condition
	 * @param timeout how long to wait
	 * @return the first matching record
	 * @throws AssertionError if none arrives in time
	 */
	public CapturedLog await(Predicate<CapturedLog> condition, Duration timeout) {
		return await(condition, timeout, "matching record");
	}

	private synchronized CapturedLog await(Predicate<CapturedLog> condition, Duration timeout, String description) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			CapturedLog found = this.records.stream().filter(condition).findFirst().orElse(null);
			if (found != null) {
				this.asserted.add(found);
				return found;
			}
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				throw new AssertionError("No " + description + " within " + timeout + " from " + this.loggerNames
						+ "; captured: " + this.records);
			}
			try {
				wait(Math.max(1, remaining / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("Interrupted while waiting for a " + description, ex);
			}
		}
	}

	private synchronized void add(CapturedLog record) {
		this.records.add(record);
		notifyAll();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		synchronized (this) {
			this.records.clear();
			this.asserted.clear();
		}
		List<LogBackend> backends = backends();
		for (String name : this.loggerNames) {
			for (LogBackend backend : backends) {
				this.attachments.add(backend.attach(name, this::add));
			}
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		for (int i = this.attachments.size() - 1; i >= 0; i--) {
			this.attachments.get(i).close();
		}
		this.attachments.clear();
		String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
		if (context.getExecutionException().isPresent()) {
			print(System.err, test + ": log lines captured from ", records());
		}
		else {
			print(System.err, test + ": log lines captured but not asserted from ", unasserted());
		}
	}

	private synchronized List<CapturedLog> unasserted() {
		return this.records.stream()
			.filter((record) -> record.level().compareTo(Level.WARNING) >= 0 && !this.asserted.contains(record))
			.filter((record) -> !isAllowed(record))
			.toList();
	}

	private boolean isAllowed(CapturedLog record) {
		return this.allowed.stream().anyMatch((allowed) -> allowed.test(record));
	}

	private void print(PrintStream out, String title, List<CapturedLog> captured) {
		if (captured.isEmpty()) {
			return;
		}
		out.println(title + this.loggerNames + " (" + captured.size() + "):");
		for (CapturedLog record : captured) {
			out.println("  " + record);
			Throwable thrown = record.thrown();
			if (thrown != null) {
				thrown.printStackTrace(out);
			}
		}
	}

	private static List<LogBackend> backends() {
		List<LogBackend> backends = new ArrayList<>();
		backends.add(new JulLogBackend());
		LogBackend logback = isPresent(LOGBACK) ? LogbackLogBackend.ifBound() : null;
		if (logback != null) {
			backends.add(logback);
		}
		return backends;
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, LogCapture.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "LogCapture " + this.loggerNames;
	}

}
