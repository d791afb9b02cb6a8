package io.github.servermanager.connection;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The servers one HTTP client sent requests to, and when it last sent to each. This is
 * how a ping finds the client that calls a service when the application has several: the
 * ping goes through the client that sent to that service last, so that the connection it
 * opens is the one that client reuses.
 * <p>
 * Two sources fill it. The library's hook reports the server of every request (Reactor
 * Netty, Apache HttpClient 5, Jetty). A request initializer of the {@code RestClient} or
 * {@code RestTemplate} around a request factory reports the host each request names: for
 * a load-balanced client, the service id (this is how a JDK client is seen).
 * <p>
 * Spring Boot builds a client in steps on one thread: the library's client (where the
 * hook is installed), the request factory or connector around it (which the starter
 * captures), then, for a request factory, the {@code RestClient} or {@code RestTemplate}
 * (where the initializer is added). Each step hands the record to the next through this
 * thread.
 */
public final class SentRequests {

	/** More servers than a client of a handful of services calls; past it, start over. */
	private static final int MAX_SERVERS = 1024;

	/**
	 * How fresh a record must be to skip writing it again: a busy client then writes each
	 * key about once a second, not on every request, and the choice it feeds is made once
	 * a rebalance, minutes apart.
	 */
	private static final long REFRESH_NANOS = 1_000_000_000L;

	private static final ThreadLocal<@Nullable SentRequests> building = new ThreadLocal<>();

	private static final ThreadLocal<@Nullable SentRequests> capturedFactory = new ThreadLocal<>();

	private final Map<ServerAddress, Long> lastSentAt = new ConcurrentHashMap<>();

	private final Map<String, Long> lastCalledHost = new ConcurrentHashMap<>();

	/** The server of the URL reported last, so that the next URL to it is not parsed. */
	private volatile @Nullable UrlServer lastUrlServer;

	private SentRequests() {
	}

	/**
	 * Starts the record of the client being built on this thread, filled by the library's
	 * hook; its request factory or connector takes it when captured.
	 * @return the record for the library's hook to fill
	 */
	static SentRequests forClientBeingBuilt() {
		SentRequests sent = new SentRequests();
		building.set(sent);
		return sent;
	}

	/**
	 * Says that the client being built on this thread has no hook that reports requests,
	 * so that it is not given the record of another.
	 */
	static void clientBeingBuiltIsNotObserved() {
		building.remove();
	}

	/**
	 * Takes the record of the client just built on this thread.
	 * @return the record, a new one when its library reports no requests
	 */
	static SentRequests takeForClientBuilt() {
		SentRequests sent = building.get();
		building.remove();
		return (sent != null) ? sent : new SentRequests();
	}

	/**
	 * Hands the record of a request factory just captured to the {@code RestClient} or
	 * {@code RestTemplate} being built around it on this thread.
	 * @param sent the factory's record
	 */
	static void factoryCaptured(SentRequests sent) {
		capturedFactory.set(sent);
	}

	/**
	 * Takes the record of the request factory captured last on this thread, to be filled
	 * by a request initializer from now on.
	 * @return the record, or {@code null} when no factory was captured since the last
	 * take
	 */
	static @Nullable SentRequests takeForFactoryCaptured() {
		SentRequests sent = capturedFactory.get();
		capturedFactory.remove();
		return sent;
	}

	/**
	 * Records the host a request names before load balancing: for a load-balanced client,
	 * the service id.
	 * @param uri the request URI
	 */
	void called(URI uri) {
		String host = uri.getHost();
		if (host != null) {
			record(this.lastCalledHost, host.toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * Records a request to the server of a URL. A client sends to a few servers, most
	 * often the same one many times over, so the URL is parsed only when its scheme and
	 * authority differ from those of the URL reported before.
	 * @param url the request URL
	 */
	void sent(String url) {
		UrlServer last = this.lastUrlServer;
		if (last == null || !last.isServerOf(url)) {
			last = UrlServer.of(url);
			if (last == null) {
				return;
			}
			this.lastUrlServer = last;
		}
		record(this.lastSentAt, last.address());
	}

	/**
	 * Records a request to a host and port.
	 * @param host the host as the request names it
	 * @param port the port
	 */
	void sent(@Nullable String host, int port) {
		if (host != null) {
			record(this.lastSentAt, normalized(host, port));
		}
	}

	private static <K> void record(Map<K, Long> lastAt, K key) {
		long now = System.nanoTime();
		Long previous = lastAt.get(key);
		if (previous == null || now - previous > REFRESH_NANOS) {
			if (lastAt.size() >= MAX_SERVERS) {
				lastAt.clear();
			}
			lastAt.put(key, now);
		}
	}

	/**
	 * Returns when this client last sent a request to a service: to one of its servers,
	 * or naming its service id.
	 * @param serviceId the service id
	 * @param servers the servers of the service
	 * @return the {@link System#nanoTime()} of the last request, or empty when it sent
	 * none to the service
	 */
	OptionalLong lastSentTo(String serviceId, Collection<ServerAddress> servers) {
		OptionalLong last = later(OptionalLong.empty(), this.lastCalledHost.get(serviceId.toLowerCase(Locale.ROOT)));
		for (ServerAddress server : servers) {
			last = later(last, this.lastSentAt.get(normalized(server.host(), server.port())));
		}
		return last;
	}

	private static OptionalLong later(OptionalLong last, @Nullable Long at) {
		return (at != null && (last.isEmpty() || at - last.getAsLong() > 0)) ? OptionalLong.of(at) : last;
	}

	/** Host names compare without case, and an IPv6 literal with or without brackets. */
	private static ServerAddress normalized(String host, int port) {
		return new ServerAddress(host, port).canonical();
	}

	/**
	 * The server a URL's scheme and authority name.
	 *
	 * @param schemeAndAuthority the URL up to the end of its authority
	 * @param address the server
	 */
	private record UrlServer(String schemeAndAuthority, ServerAddress address) {

		static @Nullable UrlServer of(String url) {
			int authorityEnd = authorityEnd(url);
			if (authorityEnd < 0) {
				return null;
			}
			URI uri;
			try {
				uri = URI.create(url);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
			String host = uri.getHost();
			if (host == null) {
				return null;
			}
			int port = ServerAddress.portOrDefault(uri.getPort(), uri.getScheme());
			return new UrlServer(url.substring(0, authorityEnd), normalized(host, port));
		}

		/**
		 * Whether the URL starts with this scheme and authority, and its authority ends
		 * there.
		 */
		boolean isServerOf(String url) {
			int end = this.schemeAndAuthority.length();
			return url.startsWith(this.schemeAndAuthority) && (url.length() == end || isAuthorityEnd(url.charAt(end)));
		}

		/** Where the authority of a URL ends, or -1 when it has none. */
		private static int authorityEnd(String url) {
			int start = url.indexOf("://");
			if (start < 0) {
				return -1;
			}
			for (int i = start + 3; i < url.length(); i++) {
				if (isAuthorityEnd(url.charAt(i))) {
					return i;
				}
			}
			return url.length();
		}

		private static boolean isAuthorityEnd(char c) {
			return c == '/' || c == '?' || c == '#';
		}

	}

}
