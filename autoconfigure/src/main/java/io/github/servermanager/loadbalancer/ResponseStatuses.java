package io.github.servermanager.loadbalancer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.ClassUtils;

/**
 * Reads the HTTP status out of whatever a client hands lifecycles as its response: Spring
 * Cloud's {@link ResponseData} (blocking and reactive clients, OpenFeign, Gateway
 * WebFlux), a {@link ClientHttpResponse}, Web MVC's {@code ServerResponse} (Gateway Web
 * MVC), WebFlux's {@code ClientResponse} or a reactive {@code ServerHttpResponse}. Each
 * web stack is optional, so a reader is only set up when its type is on the class path;
 * the readers that name such a type live in nested classes that are loaded only then.
 */
final class ResponseStatuses {

	private static final List<StatusReader> READERS = readers();

	private ResponseStatuses() {
	}

	/**
	 * Returns the status of a response.
	 * @param response what a lifecycle was handed as the response, if anything
	 * @return the status code, or {@code null} when there is none or the type is unknown
	 */
	static @Nullable Integer statusOf(@Nullable Object response) {
		if (response == null) {
			return null;
		}
		for (StatusReader reader : READERS) {
			if (reader.type().isInstance(response)) {
				HttpStatusCode status = reader.read(response);
				return (status != null) ? status.value() : null;
			}
		}
		return null;
	}

	private static List<StatusReader> readers() {
		List<StatusReader> readers = new ArrayList<>();
		readers.add(new StatusReader(ResponseData.class, (response) -> ((ResponseData) response).getHttpStatus()));
		readers.add(new StatusReader(ClientHttpResponse.class, ResponseStatuses::clientHttpResponseStatus));
		ClassLoader classLoader = ResponseStatuses.class.getClassLoader();
		if (ClassUtils.isPresent("org.springframework.web.servlet.function.ServerResponse", classLoader)) {
			readers.add(WebMvc.reader());
		}
		if (ClassUtils.isPresent("org.springframework.web.reactive.function.client.ClientResponse", classLoader)) {
			readers.add(WebFlux.reader());
		}
		if (ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader)) {
			readers.add(ReactiveServer.reader());
		}
		return List.copyOf(readers);
	}

	private static @Nullable HttpStatusCode clientHttpResponseStatus(Object response) {
		try {
			return ((ClientHttpResponse) response).getStatusCode();
		}
		catch (IOException ex) {
			return null;
		}
	}

	private record StatusReader(Class<?> type, Reader reader) {

		@Nullable HttpStatusCode read(Object response) {
			return this.reader.read(response);
		}

	}

	@FunctionalInterface
	private interface Reader {

		@Nullable HttpStatusCode read(Object response);

	}

	/** Gateway Server Web MVC hands over the {@code ServerResponse} it proxied. */
	private static final class WebMvc {

		static StatusReader reader() {
			return new StatusReader(org.springframework.web.servlet.function.ServerResponse.class,
					(response) -> ((org.springframework.web.servlet.function.ServerResponse) response).statusCode());
		}

	}

	private static final class WebFlux {

		static StatusReader reader() {
			return new StatusReader(org.springframework.web.reactive.function.client.ClientResponse.class,
					(response) -> ((org.springframework.web.reactive.function.client.ClientResponse) response)
						.statusCode());
		}

	}

	private static final class ReactiveServer {

		static StatusReader reader() {
			return new StatusReader(org.springframework.http.server.reactive.ServerHttpResponse.class,
					(response) -> ((org.springframework.http.server.reactive.ServerHttpResponse) response)
						.getStatusCode());
		}

	}

}
