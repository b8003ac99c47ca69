package dev.lambdaextension.docs.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.lambdaextension.docs.deploy.TerraformBlocks.Block;

/**
 * Checks the Terraform template's layer and function wiring: required arguments, the
 * function's {@code layers} reading the layer version's {@code arn}, the role's {@code arn},
 * agreeing architectures and defined variables.
 */
final class TerraformCheck {

	/**
	 * Required arguments, and groups of which one must be set, as the hashicorp/aws provider
	 * documents them for these resources. Written by hand: the provider schema
	 * ({@code terraform providers schema -json}) needs the provider downloaded.
	 */
	private static final Map<String, List<List<String>>> REQUIRED = Map.of("aws_lambda_layer_version",
			List.of(List.of("layer_name"), List.of("filename", "s3_bucket")), "aws_lambda_function",
			List.of(List.of("function_name"), List.of("role"), List.of("filename", "s3_bucket", "image_uri")),
			"aws_iam_role", List.of(List.of("assume_role_policy")));

	private static final Pattern VARIABLE = Pattern.compile("\\bvar\\.([a-z_][a-z0-9_]*)");

	List<String> problems(List<Block> blocks) {
		List<String> problems = new ArrayList<>();
		List<Block> resources = blocks.stream().filter((block) -> block.kind().equals("resource")).toList();
		for (Block resource : resources) {
			for (List<String> oneOf : REQUIRED.getOrDefault(resource.labels().get(0), List.of())) {
				if (oneOf.stream().noneMatch(resource.arguments()::containsKey)) {
					problems.add(resource.address() + ": missing required argument " + String.join(" or ", oneOf));
				}
			}
		}
		List<Block> functions = ofType(resources, "aws_lambda_function");
		if (functions.isEmpty()) {
			problems.add("no aws_lambda_function");
		}
		for (Block function : functions) {
			checkFunction(function, resources, problems);
		}
		Set<String> variables = blocks.stream()
			.filter((block) -> block.kind().equals("variable"))
			.map((block) -> block.labels().get(0))
			.collect(Collectors.toSet());
		for (Block block : blocks) {
			for (String value : block.arguments().values()) {
				Matcher matcher = VARIABLE.matcher(value);
				while (matcher.find()) {
					if (!variables.contains(matcher.group(1))) {
						problems.add(block.address() + ": var." + matcher.group(1) + " is not declared");
					}
				}
			}
		}
		return problems;
	}

	private void checkFunction(Block function, List<Block> resources, List<String> problems) {
		String layers = function.arguments().getOrDefault("layers", "");
		Matcher layer = Pattern.compile("aws_lambda_layer_version\\.([a-z_][a-z0-9_]*)\\.arn").matcher(layers);
		if (!layer.find()) {
			problems.add(function.address() + ": layers does not read an aws_lambda_layer_version's arn");
			return;
		}
		Optional<Block> layerVersion = find(resources, "aws_lambda_layer_version", layer.group(1));
		if (layerVersion.isEmpty()) {
			problems.add(function.address() + ": no aws_lambda_layer_version." + layer.group(1));
			return;
		}
		String role = function.arguments().getOrDefault("role", "");
		Matcher roleReference = Pattern.compile("^aws_iam_role\\.([a-z_][a-z0-9_]*)\\.arn$").matcher(role);
		if (!roleReference.find() || find(resources, "aws_iam_role", roleReference.group(1)).isEmpty()) {
			problems.add(function.address() + ": role is not the arn of an aws_iam_role in the template");
		}
		String architectures = function.arguments().get("architectures");
		String compatible = layerVersion.get().arguments().get("compatible_architectures");
		if (architectures == null || !architectures.equals(compatible)) {
			problems.add(function.address() + ": architectures " + architectures + " differ from "
					+ layerVersion.get().address() + " compatible_architectures " + compatible);
		}
	}

	private static List<Block> ofType(List<Block> resources, String type) {
		return resources.stream().filter((block) -> block.labels().get(0).equals(type)).toList();
	}

	private static Optional<Block> find(List<Block> resources, String type, String name) {
		return ofType(resources, type).stream().filter((block) -> block.labels().get(1).equals(name)).findFirst();
	}

}
