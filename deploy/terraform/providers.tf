# AWS by default. With s3_endpoint set, the same files create the buckets on an S3-compatible server
# (the platform's own S3 server, as LocalStack is used elsewhere): path-style addressing, no AWS
# account checks.
provider "aws" {
  region = var.region

  s3_use_path_style           = var.s3_endpoint != ""
  skip_credentials_validation = var.s3_endpoint != ""
  skip_metadata_api_check     = var.s3_endpoint != ""
  skip_requesting_account_id  = var.s3_endpoint != ""

  dynamic "endpoints" {
    for_each = var.s3_endpoint == "" ? [] : [var.s3_endpoint]
    content {
      s3 = endpoints.value
    }
  }

  default_tags {
    tags = {
      "app.kubernetes.io/part-of" = "taxi-platform"
    }
  }
}
