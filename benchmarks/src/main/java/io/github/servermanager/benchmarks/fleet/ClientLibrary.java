package io.github.servermanager.benchmarks.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP client libraries Spring Boot picks for the load-balanced clients, each
 * selected with Spring Boot's own property.
 */
public enum ClientLibrary {

	/** {@code WebClient} on Reactor Netty, Boot's first choice for it. */
	REACTOR_NETTY("WebClient on Reactor Netty", true, "spring.http.clients.reactive.connector=reactor"),

	/** {@code WebClient} on Apache HttpClient 5's async client. */
	HTTP_COMPONENTS_ASYNC("WebClient on Apache HttpClient 5 async", true,
			"spring.http.clients.reactive.connector=http-components"),

	/** {@code RestClient} on Apache HttpClient 5, Boot's first choice when present. */
	HTTP_COMPONENTS("RestClient on Apache HttpClient 5", false,
			"spring.http.clients.imperative.factory=http-components"),

	/** {@code RestClient} on Jetty's client, Boot's second choice. */
	JETTY("RestClient on Jetty client", false, "spring.http.clients.imperative.factory=jetty"),

	/** {@code RestClient} on the JDK's HttpClient, Boot's choice when nothing else is. */
	JDK("RestClient on JDK HttpClient", false, "spring.http.clients.imperative.factory=jdk");

	private static final String URI = "http://" + FleetClientApplication.SERVICE + "/whoami";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final String label;

	private final boolean throughWebClient;

	private final List<String> selection;

	ClientLibrary(String label, boolean throughWebClient, String... selection) {
		this.label = label;
		this.throughWebClient = throughWebClient;
		this.selection = List.of(selection);
	}

	/**
	 * Returns how tables name the library.
	 * @return a short label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns the properties that select this library, with the read and connect timeouts
	 * of every client.
	 * @return {@code key=value} pairs
	 */
	public List<String> properties() {
		List<String> properties = new ArrayList<>(this.selection);
		properties.add("spring.http.clients.connect-timeout=" + TIMEOUT.toMillis() + "ms");
		properties.add("spring.http.clients.read-timeout=" + TIMEOUT.toMillis() + "ms");
		return properties;
	}

	/**
	 * Returns one request to the service through this library.
	 * @param client the client application
	 * @return what sends it and returns the answer
	 */
	Supplier<String> caller(ConfigurableApplicationContext client) {
		if (this.throughWebClient) {
			WebClient webClient = client.getBean(WebClient.Builder.class).build();
			return () -> webClient.get().uri(URI).retrieve().bodyToMono(String.class).block(TIMEOUT);
		}
		RestClient restClient = client.getBean(RestClient.Builder.class).build();
		return () -> restClient.get().uri(URI).retrieve().body(String.class);
	}

	/**
	 * Parses a library named on the command line.
	 * @param name the enum name, any case, '-' for '_'
	 * @return the library
	 */
	public static ClientLibrary parse(String name) {
		return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

}
