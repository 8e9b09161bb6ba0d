output "raw_bucket" {
  description = "Set as s3.raw-bucket (RAW_BUCKET) and the chart's s3.rawBucket."
  value       = aws_s3_bucket.platform["raw"].bucket
}

output "processed_bucket" {
  description = "Set as s3.processed-bucket (PROCESSED_BUCKET) and the chart's s3.processedBucket."
  value       = aws_s3_bucket.platform["processed"].bucket
}

output "platform_policy_arn" {
  description = "The IAM policy to attach to the role the platform runs as."
  value       = aws_iam_policy.platform.arn
}
