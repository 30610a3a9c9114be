# Writes, one per line, the pointer bodies the Python extended clients
# write for the pointers of ../java/pointers.tsv: json.dumps of
# [class, {'s3BucketName': bucket, 's3Key': key}], as in
# amazon-sns-python-extended-client-lib (sns_extended_client.py,
# _determine_payload) and amazon-sqs-python-extended-client-lib
# (client.py, _store_message_in_s3; the legacy class with
# use_legacy_attribute).
#
#   python3 gen.py < ../java/pointers.tsv > python_bodies.txt
import json
import sys

MESSAGE_POINTER_CLASS = 'software.amazon.payloadoffloading.PayloadS3Pointer'
LEGACY_MESSAGE_POINTER_CLASS = 'com.amazon.sqs.javamessaging.MessageS3Pointer'

for line in sys.stdin.read().splitlines():
    bucket, key = line.split('\t', 1)
    key = json.loads('"' + key + '"')
    for cls in (MESSAGE_POINTER_CLASS, LEGACY_MESSAGE_POINTER_CLASS):
        print(json.dumps([cls, {'s3BucketName': bucket, 's3Key': key}]))
