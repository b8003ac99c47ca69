terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
    archive = {
      source  = "hashicorp/archive"
      version = ">= 2.4"
    }
  }
}

variable "architecture" {
  type        = string
  default     = "x86_64"
  description = "x86_64 or arm64; must match the machine the layer was built on when it bundles a runtime."

  validation {
    condition     = contains(["x86_64", "arm64"], var.architecture)
    error_message = "architecture must be x86_64 or arm64."
  }
}

variable "layer_zip" {
  type        = string
  default     = "../../sample-app/target/invocation-reporter-layer.zip"
  description = "Layer zip written by the lambda-extension-maven-plugin layer goal."
}

resource "aws_lambda_layer_version" "invocation_reporter" {
  layer_name               = "invocation-reporter-${var.architecture}"
  description              = "Spring Boot Lambda extension (launcher in extensions/invocation-reporter)"
  filename                 = var.layer_zip
  source_code_hash         = filebase64sha256(var.layer_zip)
  compatible_architectures = [var.architecture]
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "hello" {
  name_prefix        = "hello-with-extension-"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_iam_role_policy_attachment" "hello_logs" {
  role       = aws_iam_role.hello.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

data "archive_file" "hello" {
  type                    = "zip"
  output_path             = "${path.module}/build/hello.zip"
  source_content_filename = "index.py"
  source_content          = <<-PY
    def handler(event, context):
        return {"statusCode": 200, "body": "hello"}
  PY
}

resource "aws_lambda_function" "hello" {
  function_name    = "hello-with-extension-${var.architecture}"
  role             = aws_iam_role.hello.arn
  runtime          = "python3.12"
  handler          = "index.handler"
  architectures    = [var.architecture]
  memory_size      = 1024
  timeout          = 30
  filename         = data.archive_file.hello.output_path
  source_code_hash = data.archive_file.hello.output_base64sha256
  layers           = [aws_lambda_layer_version.invocation_reporter.arn]

  depends_on = [aws_iam_role_policy_attachment.hello_logs]
}

output "layer_arn" {
  value = aws_lambda_layer_version.invocation_reporter.arn
}

output "function_name" {
  value = aws_lambda_function.hello.function_name
}
