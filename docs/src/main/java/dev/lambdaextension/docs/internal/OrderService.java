package dev.lambdaextension.docs.internal;

import java.util.Map;

import org.springframework.stereotype.Service;

/**
 * Internal extensions: the function's own logic, which knows nothing of the extension.
 */
@Service
public class OrderService {

	/**
	 * Accept an order.
	 * @param order the order
	 * @return its id
	 */
	public String accept(Map<String, Object> order) {
		return String.valueOf(order.getOrDefault("id", "unknown"));
	}

}
