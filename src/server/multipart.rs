//! Reading multipart bodies (server functions that take files) into text fields and files.
use std::collections::HashMap;

use leptos::server_fn::codec::MultipartData;

use serde::de::DeserializeOwned;

use crate::core::error::AppError;

pub struct Upload {
    texts: HashMap<String, String>,
    files: HashMap<String, (String, Vec<u8>)>,
}

impl Upload {
    pub fn text(&self, name: &str) -> Option<&str> {
        self.texts
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A file field that was filled in (a form sends an empty part for an empty file input).
    pub fn file(&self, name: &str) -> Option<(String, Vec<u8>)> {
        self.files
            .get(name)
            .filter(|(file_name, bytes)| !(file_name.is_empty() && bytes.is_empty()))
            .cloned()
    }

    /// A form struct from the text fields (unknown fields ignored, missing ones empty with `serde(default)`).
    pub fn form<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        let map: serde_json::Map<String, serde_json::Value> = self
            .texts
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|_| AppError::field("form", "err_validation"))
    }
}

pub async fn read(data: MultipartData) -> Result<Upload, AppError> {
    let too_large = || AppError::field("file", "err_file_too_large");
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| AppError::Transport("multipart".into()))?;
    let mut upload = Upload {
        texts: HashMap::new(),
        files: HashMap::new(),
    };
    while let Some(field) = multipart.next_field().await.map_err(|_| too_large())? {
        let Some(name) = field.name().map(str::to_owned) else {
            continue;
        };
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|_| too_large())?;
                upload.files.insert(name, (file_name, bytes.to_vec()));
            }
            None => {
                let text = field.text().await.map_err(|_| too_large())?;
                upload.texts.insert(name, text);
            }
        }
    }
    Ok(upload)
}
