package dev.lambdaextension.concurrent;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;

/**
 * Creates every thread of the extension, so that each is named, says whether it keeps the
 * JVM alive, and logs an exception that escapes it instead of dying silently. Platform
 * threads: the library targets Java 17, and the few threads it runs block on sockets it
 * owns, where virtual threads would buy nothing.
 *
 * @since 0.2.0
 */
public final class ExtensionThreads {

	private static final System.Logger logger = System.getLogger(ExtensionThreads.class.getName());

	private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT = (thread, ex) -> logger.log(Level.ERROR,
			"Thread " + thread.getName() + " ended with an exception", ex);

	private ExtensionThreads() {
	}

	/**
	 * Create a daemon thread, not started: one that does not keep the JVM alive.
	 * @param name the thread name
	 * @param task what it runs
	 * @return the thread
	 */
	public static Thread daemon(String name, Runnable task) {
		return create(name, task, true);
	}

	/**
	 * Create a thread that keeps the JVM alive while it runs, not started.
	 * @param name the thread name
	 * @param task what it runs
	 * @return the thread
	 */
	public static Thread keepingJvmAlive(String name, Runnable task) {
		return create(name, task, false);
	}

	/**
	 * Return a factory of daemon threads, all with the given name.
	 * @param name the thread name
	 * @return the factory
	 */
	public static ThreadFactory daemonFactory(String name) {
		return (task) -> daemon(name, task);
	}

	private static Thread create(String name, Runnable task, boolean daemon) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(daemon);
		thread.setUncaughtExceptionHandler(LOG_UNCAUGHT);
		return thread;
	}

}
