# Writes a legacy "version 2.0" backup of a DynamoDB table with the seed's OWN code.
#
# Copied verbatim from ../shared/seeds/000_1e39b6656acf4d15.txt ("Lambda Backup Function", the
# workshop's enhanced-dynamodb-backup Lambda): the module header with its imports and clients
# (lines 46-60), backup_single_table and calculate_checksum (lines 130-191). Only the __main__
# block at the end is new: it runs one backup and prints the function's result as JSON.
# Endpoint, region and credentials come from the standard environment (AWS_ENDPOINT_URL,
# AWS_DEFAULT_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
#
# Usage: python3 seed000_backup.py TABLE BUCKET
import json
import boto3
import hashlib
import os
from datetime import datetime
from decimal import Decimal
from botocore.exceptions import ClientError
import time
import random

# Khởi tạo AWS clients
dynamodb = boto3.resource('dynamodb')
s3 = boto3.client('s3')
sns = boto3.client('sns')
cloudwatch = boto3.client('cloudwatch')
def backup_single_table(table_name, backup_bucket):
    """Backup một DynamoDB table duy nhất"""
    
    table = dynamodb.Table(table_name)
    
    # Scan table với pagination
    items = []
    response = table.scan()
    items.extend(response['Items'])
    
    while 'LastEvaluatedKey' in response:
        response = table.scan(ExclusiveStartKey=response['LastEvaluatedKey'])
        items.extend(response['Items'])
    
    # Chuyển đổi Decimal thành float cho JSON serialization
    for item in items:
        for key, value in item.items():
            if isinstance(value, Decimal):
                item[key] = float(value)
    
    # Tính checksum cho tính toàn vẹn
    checksum = calculate_checksum(items)
    
    # Tạo cấu trúc dữ liệu backup
    backup_data = {
        'table_name': table_name,
        'backup_timestamp': datetime.now().isoformat(),
        'item_count': len(items),
        'data': items,
        'checksum': checksum,
        'version': '2.0'
    }
    
    # Upload lên S3 với default encryption
    timestamp = datetime.now().strftime('%Y-%m-%d-%H-%M-%S')
    filename = f'dynamodb-backups/{table_name}-backup-{timestamp}.json'
    
    s3.put_object(
        Bucket=backup_bucket,
        Key=filename,
        Body=json.dumps(backup_data, indent=2, default=str),
        ServerSideEncryption='AES256',
        Metadata={
            'table-name': table_name,
            'backup-version': '2.0',
            'item-count': str(len(items))
        }
    )
    
    return {
        'table': table_name,
        'filename': filename,
        'item_count': len(items),
        'status': 'success',
        'checksum': checksum,
        'timestamp': datetime.now().isoformat()
    }

def calculate_checksum(items):
    """Tính SHA256 checksum cho tính toàn vẹn dữ liệu"""
    content = json.dumps(items, sort_keys=True, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


if __name__ == '__main__':
    import sys
    result = backup_single_table(sys.argv[1], sys.argv[2])
    print(json.dumps(result, default=str))
