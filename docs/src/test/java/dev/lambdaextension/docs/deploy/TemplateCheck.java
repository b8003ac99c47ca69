package dev.lambdaextension.docs.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a parsed CloudFormation or SAM template against a {@link ResourceSpecification}:
 * known resource types, required and known properties, the SAM transform, and that every
 * {@code Ref}, {@code Fn::GetAtt} and {@code ${...}} in {@code Fn::Sub} resolves.
 */
final class TemplateCheck {

	private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
			"AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

	private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

	private static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

	private final ResourceSpecification specification;

	TemplateCheck(ResourceSpecification specification) {
		this.specification = specification;
	}

	List<String> problems(Map<String, Object> template) {
		List<String> problems = new ArrayList<>();
		Map<String, Object> resources = section(template, "Resources");
		if (resources.isEmpty()) {
			problems.add("no Resources");
		}
		resources.forEach((name, resource) -> checkResource(name, asMap(resource), template, problems));
		Set<String> names = new HashSet<>(section(template, "Parameters").keySet());
		names.addAll(resources.keySet());
		names.addAll(PSEUDO_PARAMETERS);
		checkReferences(resources, names, resources, Set.of(), problems);
		checkReferences(section(template, "Outputs"), names, resources, Set.of(), problems);
		return problems;
	}

	private void checkResource(String name, Map<String, Object> resource, Map<String, Object> template,
			List<String> problems) {
		String type = String.valueOf(resource.get("Type"));
		if (!this.specification.hasType(type)) {
			problems.add(name + ": unknown resource type " + type);
			return;
		}
		if (type.startsWith("AWS::Serverless::") && !SAM_TRANSFORM.equals(template.get("Transform"))) {
			problems.add(name + ": " + type + " needs Transform: " + SAM_TRANSFORM);
		}
		Map<String, Object> properties = asMap(resource.getOrDefault("Properties", Map.of()));
		for (String required : this.specification.required(type)) {
			if (!properties.containsKey(required)) {
				problems.add(name + ": missing required property " + required);
			}
		}
		for (String property : properties.keySet()) {
			if (!this.specification.properties(type).contains(property)) {
				problems.add(name + ": unknown property " + property + " for " + type);
			}
		}
	}

	private void checkReferences(Object node, Set<String> names, Map<String, Object> resources, Set<String> local,
			List<String> problems) {
		if (node instanceof List<?> list) {
			list.forEach((item) -> checkReferences(item, names, resources, local, problems));
			return;
		}
		if (!(node instanceof Map<?, ?> map)) {
			return;
		}
		if (map.size() == 1 && map.containsKey("Ref")) {
			checkName(String.valueOf(map.get("Ref")), names, local, "Ref", problems);
		}
		else if (map.size() == 1 && map.containsKey("Fn::GetAtt")) {
			checkGetAtt(map.get("Fn::GetAtt"), resources, problems);
		}
		else if (map.size() == 1 && map.containsKey("Fn::Sub")) {
			checkSub(map.get("Fn::Sub"), names, resources, problems);
		}
		else {
			map.values().forEach((value) -> checkReferences(value, names, resources, local, problems));
		}
	}

	private void checkGetAtt(Object value, Map<String, Object> resources, List<String> problems) {
		List<?> parts = (value instanceof List<?> list) ? list : List.of(String.valueOf(value).split("\\.", 2));
		String resource = String.valueOf(parts.get(0));
		String attribute = (parts.size() > 1) ? String.valueOf(parts.get(1)) : "";
		if (!resources.containsKey(resource)) {
			problems.add("Fn::GetAtt " + resource + "." + attribute + ": no resource " + resource);
			return;
		}
		String type = String.valueOf(asMap(resources.get(resource)).get("Type"));
		if (this.specification.hasType(type) && !this.specification.attributes(type).contains(attribute)) {
			problems.add("Fn::GetAtt " + resource + "." + attribute + ": " + type + " has no attribute " + attribute);
		}
	}

	private void checkSub(Object value, Set<String> names, Map<String, Object> resources, List<String> problems) {
		String text;
		Set<String> local = Set.of();
		if (value instanceof List<?> list) {
			text = String.valueOf(list.get(0));
			Map<String, Object> variables = asMap(list.get(1));
			local = variables.keySet();
			checkReferences(variables, names, resources, Set.of(), problems);
		}
		else {
			text = String.valueOf(value);
		}
		Matcher matcher = SUB_VARIABLE.matcher(text);
		while (matcher.find()) {
			String variable = matcher.group(1);
			int dot = variable.indexOf('.');
			if (dot > 0 && !variable.startsWith("AWS::")) {
				checkGetAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)), resources, problems);
			}
			else {
				checkName(variable, names, local, "Fn::Sub", problems);
			}
		}
	}

	private static void checkName(String name, Set<String> names, Set<String> local, String function,
			List<String> problems) {
		if (!names.contains(name) && !local.contains(name)) {
			problems.add(function + " " + name + ": no parameter, resource or pseudo parameter of that name");
		}
	}

	private static Map<String, Object> section(Map<String, Object> template, String name) {
		return asMap(template.getOrDefault(name, Map.of()));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asMap(Object value) {
		if (value instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		throw new IllegalArgumentException("Expected a mapping, got " + value);
	}

}
