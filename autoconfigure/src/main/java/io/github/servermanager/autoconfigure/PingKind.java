package io.github.servermanager.autoconfigure;

/**
 * How a rebalance checks a server before it puts it in front. Bound by Spring Boot from
 * {@code server-manager.ping}, case-insensitively: {@code http}, {@code http-health},
 * {@code tcp}, {@code none}.
 */
public enum PingKind {

	/**
	 * A GET of the health path: any HTTP answer but a 5xx means the server is alive. A
	 * 404 (not a Spring Boot application), a 401 (secured actuator) or a redirect still
	 * prove that the server answers requests; a 5xx, a refused connection or silence do
	 * not.
	 */
	HTTP,

	/** A GET of the health path: only a 2xx answer means the server is healthy. */
	HTTP_HEALTH,

	/** A TCP connect to the instance's port. */
	TCP,

	/** No check: every server counts as healthy. */
	NONE

}
