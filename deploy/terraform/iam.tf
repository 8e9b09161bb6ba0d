# What the platform does with its buckets: the sink writes raw files, the batch job reads them and
# writes processed data, the loader reads processed data, the provisioning Job checks the buckets.
data "aws_iam_policy_document" "platform" {
  statement {
    sid       = "ListPlatformBuckets"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [for bucket in aws_s3_bucket.platform : bucket.arn]
  }

  statement {
    sid = "ReadWritePlatformObjects"
    actions = [
      "s3:GetObject",
      "s3:PutObject",
      "s3:DeleteObject",
      "s3:AbortMultipartUpload",
      "s3:ListMultipartUploadParts",
    ]
    resources = [for bucket in aws_s3_bucket.platform : "${bucket.arn}/*"]
  }

  statement {
    sid       = "UseBucketKeys"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "platform" {
  name        = "taxi-platform-s3"
  description = "The Taxi Platform's access to its raw and processed buckets."
  policy      = data.aws_iam_policy_document.platform.json
}

resource "aws_iam_role_policy_attachment" "platform" {
  for_each   = toset([for arn in var.platform_principal_arns : arn if strcontains(arn, ":role/")])
  role       = element(split("/", each.value), length(split("/", each.value)) - 1)
  policy_arn = aws_iam_policy.platform.arn
}
