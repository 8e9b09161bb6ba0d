variable "region" {
  description = "AWS region of the buckets (the platform's s3.region)."
  type        = string
  default     = "us-east-1"
}

variable "raw_bucket" {
  description = "Bucket of raw ride files written by the sink (the platform's s3.raw-bucket)."
  type        = string
  default     = "platform-raw-data"
}

variable "processed_bucket" {
  description = "Bucket of processed data written by the batch job (the platform's s3.processed-bucket)."
  type        = string
  default     = "platform-processed-data"
}

variable "raw_data_expiration_days" {
  description = "Days after which raw ride files expire; the processed data and the warehouse keep the rides."
  type        = number
  default     = 90
}

variable "raw_data_infrequent_access_days" {
  description = "Days after which raw ride files move to the infrequent-access storage class."
  type        = number
  default     = 30
}

variable "s3_endpoint" {
  description = "An S3-compatible endpoint to use instead of AWS (e.g. the platform's own S3 server, port-forwarded: http://127.0.0.1:4566). Empty: AWS."
  type        = string
  default     = ""
}

variable "platform_principal_arns" {
  description = "IAM roles or users the platform runs as (e.g. the IRSA role of its ServiceAccounts); the policy is attached by you."
  type        = list(string)
  default     = []
}
