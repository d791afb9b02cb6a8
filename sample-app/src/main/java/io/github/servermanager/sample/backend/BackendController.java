package io.github.servermanager.sample.backend;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lets a person (or a test) stop and restart the local backends to watch failover and
 * recovery: {@code curl -X POST localhost:8080/backends/1/stop}.
 */
@RestController
@RequestMapping("/backends")
class BackendController {

	private static final Logger logger = LoggerFactory.getLogger(BackendController.class);

	private final LocalBackends backends;

	BackendController(LocalBackends backends) {
		this.backends = backends;
	}

	@GetMapping
	List<BackendState> list() {
		return this.backends.all().stream().map(BackendState::of).toList();
	}

	@PostMapping("/{number}/stop")
	BackendState stop(@PathVariable int number) {
		LocalBackend backend = find(number);
		backend.stop();
		logger.info("Stopped backend {} on port {}", backend.name(), backend.port());
		return BackendState.of(backend);
	}

	@PostMapping("/{number}/start")
	BackendState start(@PathVariable int number) {
		LocalBackend backend = find(number);
		backend.start();
		logger.info("Started backend {} on port {}", backend.name(), backend.port());
		return BackendState.of(backend);
	}

	private LocalBackend find(int number) {
		return this.backends.number(number)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No local backend " + number
					+ ": the sample runs " + this.backends.all().size() + " (sample.local-backends), numbered from 1"));
	}

	record BackendState(String name, int port, boolean running, long requestsServed) {

		static BackendState of(LocalBackend backend) {
			return new BackendState(backend.name(), backend.port(), backend.isRunning(), backend.requestsServed());
		}

	}

}
