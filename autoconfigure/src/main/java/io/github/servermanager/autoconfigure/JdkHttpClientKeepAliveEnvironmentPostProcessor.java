package io.github.servermanager.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Bounds how long the JDK's {@code HttpClient} keeps an idle connection, so that a client
 * on it lets go of the servers that left the front.
 * <p>
 * On Java 17 the JDK client cannot close one host's connections, and its pool keeps every
 * idle connection for {@code jdk.httpclient.keepalive.timeout} seconds (1200 by default),
 * read once for the whole JVM when the first JDK client is created. This runs while the
 * environment is prepared, before any bean exists, and sets that system property to
 * {@code server-manager.jdk-http-client.keep-alive-timeout}, by default half the shortest
 * {@code min-reuse} (one minute with the default two, at least two seconds): a client
 * rebalances at most once per {@code min-reuse}, so a former front's idle connection is
 * gone before the next front changes and a client holds at most two connections per
 * service, usually one; a client quiet for that long reconnects once on its next request.
 * <p>
 * It leaves the JVM alone when the property is already set (on the command line, by the
 * application, or in the JDK's {@code conf/net.properties}), when the key is {@code 0},
 * or when the server manager is disabled.
 */
class JdkHttpClientKeepAliveEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String KEEP_ALIVE_PROPERTY = "jdk.httpclient.keepalive.timeout";

	static final String KEY = "server-manager.jdk-http-client.keep-alive-timeout";

	/**
	 * The JDK counts the keep-alive in whole seconds and purges expired connections
	 * coarsely: at 1 s, connections of clients that pause only briefly between requests
	 * expire too (measured: round robin's fleet lost half of its connections), so the
	 * default derived from a very short min-reuse stops here.
	 */
	private static final Duration SHORTEST_DEFAULT = Duration.ofSeconds(2);

	/**
	 * The property is JVM-wide: only the first application of the JVM sets it, or says
	 * that it leaves it.
	 */
	private static final AtomicBoolean decided = new AtomicBoolean();

	private final Log logger;

	JdkHttpClientKeepAliveEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(JdkHttpClientKeepAliveEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("server-manager.enabled", Boolean.class).orElse(true)) {
			return;
		}
		Duration keepAlive = keepAlive(binder);
		if (keepAlive.isZero() || !decided.compareAndSet(false, true)) {
			return;
		}
		String setAlready = setAlready();
		if (setAlready != null) {
			this.logger.info("Leaving " + KEEP_ALIVE_PROPERTY + "=" + setAlready + " as set; " + KEY
					+ " applies only when it is not set");
			return;
		}
		long seconds = wholeSecondsRoundedUp(keepAlive);
		System.setProperty(KEEP_ALIVE_PROPERTY, Long.toString(seconds));
		this.logger.info("Set the JVM-wide system property " + KEEP_ALIVE_PROPERTY + "=" + seconds
				+ " so that JDK HttpClients close a connection idle for " + seconds
				+ " s (1200 s otherwise on Java 17) and let go of servers that left the front; it applies to "
				+ "JDK HttpClients created from now on. Set " + KEY + "=0 to leave the JVM's default.");
	}

	/**
	 * Returns the configured keep-alive, or half the shortest min-reuse of any service
	 * (at least 2 s) when it is not configured.
	 */
	private static Duration keepAlive(Binder binder) {
		String configured = binder.bind(KEY, String.class).orElse(null);
		if (configured == null) {
			Duration half = shortestMinReuse(binder).dividedBy(2);
			return (half.compareTo(SHORTEST_DEFAULT) < 0) ? SHORTEST_DEFAULT : half;
		}
		Duration keepAlive;
		try {
			keepAlive = binder.bind(KEY, Duration.class).get();
		}
		catch (BindException ex) {
			throw invalid(configured);
		}
		if (keepAlive.isNegative() || (!keepAlive.isZero() && keepAlive.compareTo(Duration.ofSeconds(1)) < 0)) {
			throw invalid(configured);
		}
		return keepAlive;
	}

	private static InvalidServerManagerPropertyException invalid(Object value) {
		return new InvalidServerManagerPropertyException(KEY, value,
				"0 (leave the JVM's keep-alive alone) or a duration of at least 1s (the JDK counts whole seconds)",
				"30s");
	}

	/**
	 * The shortest rebalance interval's lower bound. Values the settings will reject
	 * later, with their own message, are skipped here.
	 */
	private static Duration shortestMinReuse(Binder binder) {
		Duration shortest = minReuse(binder, "server-manager.min-reuse");
		if (shortest == null) {
			shortest = new ServerManagerProperties().getMinReuse();
		}
		Map<String, Object> services = binder
			.bind("server-manager.services", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		for (String serviceId : services.keySet()) {
			Duration service = minReuse(binder, "server-manager.services." + serviceId + ".min-reuse");
			if (service != null && service.compareTo(shortest) < 0) {
				shortest = service;
			}
		}
		return shortest;
	}

	private static @Nullable Duration minReuse(Binder binder, String key) {
		try {
			Duration value = binder.bind(key, Duration.class).orElse(null);
			return (value != null && !value.isNegative() && !value.isZero()) ? value : null;
		}
		catch (BindException ex) {
			return null;
		}
	}

	private static long wholeSecondsRoundedUp(Duration duration) {
		long seconds = duration.getSeconds();
		return Math.max(1, (duration.getNano() > 0) ? seconds + 1 : seconds);
	}

	/**
	 * The value the JDK will read if it was set outside the server manager: a system
	 * property, or the JDK's own {@code conf/net.properties}, which the JDK reads as a
	 * fallback.
	 */
	private static @Nullable String setAlready() {
		String systemProperty = System.getProperty(KEEP_ALIVE_PROPERTY);
		if (systemProperty != null) {
			return systemProperty;
		}
		Path netProperties = Path.of(System.getProperty("java.home"), "conf", "net.properties");
		if (!Files.isReadable(netProperties)) {
			return null;
		}
		try (InputStream in = Files.newInputStream(netProperties)) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty(KEEP_ALIVE_PROPERTY);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** Lets tests start from a JVM in which the server manager has set nothing. */
	static void forgetSetting() {
		decided.set(false);
	}

}
