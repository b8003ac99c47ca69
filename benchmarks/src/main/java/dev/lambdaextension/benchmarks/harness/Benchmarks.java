package dev.lambdaextension.benchmarks.harness;

import java.util.Map;

/**
 * Entry point: {@code java -jar benchmarks/target/benchmarks.jar <command> [--option value ...]}.
 * <pre>
 * startup     --launches 10 --jdks 17=/usr/lib/jvm/java-17-openjdk-amd64,25=/usr/lib/jvm/temurin-25-jdk-amd64
 *             [--experiments true] [--variants sample,minimal,...] [--verbose true]
 * invoke      --invocations 10000 --warmup 1000 --buffered-invocations 400 [--modes loop,barrier,barrier-buffered] [--jdks ...]
 * throughput  --forks 2 --warmups 4 --iterations 5 --seconds 2 [--jmh-flags launcher|default]
 * memory      --events 1000000 [--apps minimal,sample] [--nmt true] [--jdks ...]
 * profile     [--apps plain,minimal,sample] [--jdks ...]
 * shutdown    --launches 10 [--jdks ...]
 * coldstart   --launches 10 [--jdk /usr/lib/jvm/temurin-25-jdk-amd64] [--layer sample-app/target/invocation-reporter-layer.zip]
 * all         every one of the above with its defaults (and the options given)
 * </pre>
 * Results go to {@code benchmarks/target/results/}; charts to {@code docs/performance-*.svg}.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.out.println("usage: java -jar benchmarks/target/benchmarks.jar startup|coldstart|invoke|throughput|memory|profile|shutdown|all [--option value ...]");
			return;
		}
		Map<String, String> options = Env.options(args, 1);
		// The emulator logs dropped batches at shutdown and similar through System.Logger (JUL): keep the output short.
		java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
		// The emulator's JDK HttpServer writes a response's headers and body separately; without TCP_NODELAY,
		// Nagle's algorithm and the client's delayed ACK add ~40 ms to every answered next (measured:
		// INVOKE -> next p50 44 ms instead of 1.3 ms). Lambda's Runtime API does not behave like that.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
		System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, harness JVM "
				+ System.getProperty("java.vm.version"));
		switch (args[0]) {
			case "startup" -> StartupBenchmark.run(options);
			case "invoke" -> InvokeBenchmark.run(options);
			case "throughput" -> ThroughputBenchmark.run(options);
			case "memory" -> MemoryBenchmark.run(options);
			case "profile" -> StartupProfile.run(options);
			case "shutdown" -> ShutdownBenchmark.run(options);
			case "coldstart" -> ColdStartBenchmark.run(options);
			case "all" -> {
				StartupBenchmark.run(options);
				StartupProfile.run(options);
				InvokeBenchmark.run(options);
				MemoryBenchmark.run(options);
				ThroughputBenchmark.run(options);
				ShutdownBenchmark.run(options);
			}
			default -> throw new IllegalArgumentException("Unknown command " + args[0]);
		}
		System.exit(0);
	}

}
